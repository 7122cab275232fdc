using System;
using System.Collections.Generic;
using System.Linq;

namespace Circuits.Compiler
{
    /// <summary>
    /// Size estimates made before any weight is allocated: a program whose width or parameter count would exhaust memory is
    /// refused with CIRC0216 naming what drives the size, instead of failing deep inside allocation (or being killed).
    /// </summary>
    internal static class SizeLimits
    {
        /// <summary>The most dense parameters a compiled model may have (2^26 doubles = 512 MiB).</summary>
        public const long MaxParameters = 1L << 26;

        /// <summary>The widest residual stream the compiler builds.</summary>
        public const int MaxWidth = 1 << 14;

        /// <summary>The most rows (bucket combinations, one second-stage unit each) of a discretise-then-table MLP.</summary>
        public const long MaxTableRows = 1 << 16;

        /// <summary>
        /// Rows up to which a map of a raw count and other inputs is built as an exact discretise-then-table MLP rather than a sum
        /// of parts (its dense second stage is rows × violations).
        /// </summary>
        public const long ExactTableRows = 1 << 12;

        /// <summary>The most input combinations a discretise-then-table MLP may evaluate the map on to find its buckets.</summary>
        public const long MaxTableEvaluations = 1 << 22;

        /// <summary>Checks the embeddings and heads of a schedule, whose widths are known before any matrix exists.</summary>
        public static void CheckSchedule(Context ctx, Schedule s)
        {
            long d = s.Width;
            var parts = new List<(string What, long Parameters)>
            {
                ($"the embeddings ((|Σ| + N + 1) × width = ({ctx.S} + {ctx.N} + 1) × {d})", (ctx.S + (long)ctx.N + 1) * d),
            };
            foreach (var h in s.Heads)
            {
                long qk = 2 + h.Groups.Sum(g => g.Group.Kind == GroupKind.Table ? (long)g.Queries.Code.Domain.Length + 1 : g.Keys.Dims);
                long v = h.Values.Sum(x => (long)x.Source.Dims);
                parts.Add(($"head '{h.Label}' in layer {h.Layer} (q/k width {qk}, v width {v})", 2 * d * (qk + v)));
            }
            if (d > MaxWidth)
            {
                var widest = s.Slots.OrderByDescending(x => x.Dims).First();
                throw Refuse(ctx, $"'{ctx.Options.Name}' needs residual width {d}, more than the limit {MaxWidth}; the widest value is '{widest.Label}' ({widest.Dims} coordinates).", widest.Label);
            }
            long total = parts.Sum(p => p.Parameters);
            if (total > MaxParameters)
            {
                var worst = parts.OrderByDescending(p => p.Parameters).First();
                throw Refuse(ctx, $"'{ctx.Options.Name}' would have about {total:N0} dense parameters, more than the limit {MaxParameters:N0}; the largest part is {worst.What}: {worst.Parameters:N0}.", null);
            }
        }

        /// <summary>Checks one layer's MLP before its matrices are allocated.</summary>
        public static void CheckMlp(Context ctx, int layer, int width, MlpAssembly mlp)
        {
            long parameters = mlp.DenseParameters(width);
            if (parameters > MaxParameters)
                throw Refuse(ctx, $"'{ctx.Options.Name}': the MLP of layer {layer} would have {string.Join(" + ", mlp.Hidden.Select(h => h.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))} hidden units in its stages at width {width} ({parameters:N0} parameters), more than the limit {MaxParameters:N0}.", null);
        }

        private static CompileException Refuse(Context ctx, string message, string? node)
            => new CompileException(CompileError.ModelTooLarge, message + " Lower MaxLength or shrink the vocabulary or the value sets.", node);
    }
}
