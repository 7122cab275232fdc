using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Circuits.Compiler.Emit
{
    /// <summary>Invariant-culture, round-trip literals for generated C#.</summary>
    internal static class Literals
    {
        /// <summary>A float literal ("1.5f", "-2E-05f") that parses back to exactly <paramref name="v"/>.</summary>
        public static string Float(float v)
        {
            if (float.IsNaN(v) || float.IsInfinity(v)) throw new ArgumentException($"{v} has no finite float literal");
            string s = v.ToString("R", CultureInfo.InvariantCulture);
            if (float.Parse(s, CultureInfo.InvariantCulture) != v) s = v.ToString("G9", CultureInfo.InvariantCulture);
            return s + "f";
        }

        /// <summary>A double literal ("1.5", "1E-05", "3") that parses back to exactly <paramref name="v"/>.</summary>
        public static string Double(double v)
        {
            if (double.IsNaN(v)) return "double.NaN";
            if (double.IsPositiveInfinity(v)) return "double.PositiveInfinity";
            if (double.IsNegativeInfinity(v)) return "double.NegativeInfinity";
            string s = v.ToString("R", CultureInfo.InvariantCulture);
            if (double.Parse(s, CultureInfo.InvariantCulture) != v) s = v.ToString("G17", CultureInfo.InvariantCulture);
            return s;
        }

        /// <summary>
        /// A regular C# string literal with escapes for quotes, backslashes, control characters, line separators and lone
        /// surrogates (which a UTF-8 source file cannot hold: they would be read back as U+FFFD).
        /// </summary>
        public static string String(string? s)
        {
            if (s is null) return "null";
            var sb = new StringBuilder("\"");
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                bool paired = char.IsHighSurrogate(c) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])
                    : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1]);
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    default:
                        if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' || (char.IsSurrogate(c) && !paired))
                            sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            return sb.Append('"').ToString();
        }

        /// <summary>A char literal.</summary>
        public static string Char(char c)
        {
            switch (c)
            {
                case '\'': return "'\\''";
                case '\\': return "'\\\\'";
                case '\n': return "'\\n'";
                case '\r': return "'\\r'";
                case '\t': return "'\\t'";
            }
            if (char.IsControl(c) || char.IsSurrogate(c) || c == '\u2028' || c == '\u2029' || c == '\u0085')
                return "'\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + "'";
            return "'" + c + "'";
        }

        /// <summary>An int literal.</summary>
        public static string Int(long v) => v.ToString(CultureInfo.InvariantCulture);

        /// <summary>Text safe inside a // comment: one line, no control characters.</summary>
        public static string Comment(string? s)
        {
            if (string.IsNullOrEmpty(s)) return "";
            var sb = new StringBuilder(s!.Length);
            for (int i = 0; i < s!.Length; i++)
            {
                char c = s[i];
                bool lone = char.IsHighSurrogate(c) ? !(i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    : char.IsLowSurrogate(c) && !(i > 0 && char.IsHighSurrogate(s[i - 1]));
                sb.Append(char.IsControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' || lone ? ' ' : c);
            }
            return sb.ToString();
        }

        /// <summary>Items joined by ", " and wrapped to lines of about <paramref name="perLine"/> items.</summary>
        public static IEnumerable<string> Wrap(IReadOnlyList<string> items, int perLine)
        {
            for (int i = 0; i < items.Count; i += perLine)
            {
                var sb = new StringBuilder();
                for (int k = i; k < Math.Min(items.Count, i + perLine); k++)
                {
                    sb.Append(items[k]).Append(',');
                    if (k + 1 < Math.Min(items.Count, i + perLine)) sb.Append(' ');
                }
                yield return sb.ToString();
            }
        }
    }
}
