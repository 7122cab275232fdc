using System;
using System.Text.RegularExpressions;
using Circuits.Compiler;

namespace Circuits.Cli
{
    /// <summary>Turns an exception into the single line the CLI prints after "error: ".</summary>
    internal static class ErrorText
    {
        public static string Describe(Exception e)
        {
            string text = e switch
            {
                CompileException c => c.Code + ": " + c.Message + (c.Node is null || c.Message.Contains(c.Node) ? "" : " (node " + c.Node + ")"),
                ArgumentException a => StripParameter(a),
                _ => e.Message,
            };
            // The contract is one line per error, whatever the message was built from.
            return Regex.Replace(text, @"\s*[\r\n]+\s*", "; ").Trim();
        }

        /// <summary>ArgumentException appends " (Parameter 'x')" for developers; users only need the sentence.</summary>
        private static string StripParameter(ArgumentException a)
        {
            string message = a.Message;
            if (a.ParamName is { } name) message = message.Replace(" (Parameter '" + name + "')", "");
            return message;
        }
    }
}
