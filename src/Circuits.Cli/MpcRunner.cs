using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Circuits.Mpc;

namespace Circuits.Cli
{
    /// <summary>run for MPC programs: a line of space-separated integer words in, the machines' outputs out (⊥ as null in JSON).</summary>
    internal static class MpcRunner
    {
        /// <summary>One input line to one output line; returns the error (one line) instead when the input is bad or a limit broke.</summary>
        public static string? RunOne(MpcModel model, IForwardPass pass, string text, OutputFormat format, out string result)
        {
            result = "";
            try
            {
                int[] words = Parse(text);
                double[] outputs = MpcRun.Forward(model, pass, words);
                result = format == OutputFormat.Json ? Json(words, outputs) : Text(outputs);
                return null;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or MpcLimitException)
            {
                return ErrorText.Describe(e);
            }
        }

        /// <summary>Space-separated integers.</summary>
        private static int[] Parse(string text)
        {
            var pieces = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var words = new int[pieces.Length];
            for (int i = 0; i < pieces.Length; i++)
                if (!int.TryParse(pieces[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out words[i]))
                    throw new ArgumentException($"'{pieces[i]}' at position {i} is not an integer; MPC programs read space-separated integer words");
            return words;
        }

        private static string Text(double[] outputs)
            => string.Join(" ", Array.ConvertAll(outputs, v => double.IsNaN(v) ? ValueFormatter.Bottom : ValueFormatter.Number(v)));

        /// <summary>{"input":[words],"output":[numbers, null for ⊥]}.</summary>
        private static string Json(int[] words, double[] outputs)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteStartArray("input");
                foreach (int x in words) w.WriteNumberValue(x);
                w.WriteEndArray();
                w.WriteStartArray("output");
                foreach (double v in outputs)
                {
                    if (double.IsNaN(v)) w.WriteNullValue();
                    else w.WriteNumberValue(v);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
