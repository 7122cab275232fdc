using System;
using System.Text;

namespace Circuits.Compiler.Emit
{
    /// <summary>A minimal indented text writer for generated C#: four-space indents, "\n" line endings, braces as blocks.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder text = new StringBuilder();
        private int depth;

        /// <summary>Writes one line at the current indent (an empty line has no trailing spaces).</summary>
        public CodeWriter Line(string line = "")
        {
            if (line.Length > 0) text.Append(' ', depth * 4).Append(line);
            text.Append('\n');
            return this;
        }

        /// <summary>Writes <paramref name="header"/>, then "{", and indents until the returned scope is disposed ("}").</summary>
        public IDisposable Block(string header, string close = "}")
        {
            Line(header);
            return Open(close);
        }

        /// <summary>Writes "{" and indents until the returned scope is disposed.</summary>
        public IDisposable Open(string close = "}")
        {
            Line("{");
            depth++;
            return new Scope(this, close);
        }

        /// <summary>The text written so far.</summary>
        public override string ToString() => text.ToString();

        private sealed class Scope : IDisposable
        {
            private readonly CodeWriter writer;
            private readonly string close;
            private bool disposed;

            public Scope(CodeWriter writer, string close) { this.writer = writer; this.close = close; }

            public void Dispose()
            {
                if (disposed) return;
                disposed = true;
                writer.depth--;
                writer.Line(close);
            }
        }
    }
}
