using System;
using System.Text;

namespace Circuits.Compiler.Emit
{
    /// <summary>A minimal indented text writer for generated C#: four-space indents, "\n" line endings, braces as blocks.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private int _depth;

        /// <summary>Writes one line at the current indent (an empty line has no trailing spaces).</summary>
        public CodeWriter Line(string line = "")
        {
            if (line.Length > 0) _text.Append(' ', _depth * 4).Append(line);
            _text.Append('\n');
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
            _depth++;
            return new Scope(this, close);
        }

        /// <summary>The text written so far.</summary>
        public override string ToString() => _text.ToString();

        private sealed class Scope : IDisposable
        {
            private readonly CodeWriter _writer;
            private readonly string _close;
            private bool _disposed;

            public Scope(CodeWriter writer, string close) { _writer = writer; _close = close; }

            public void Dispose()
            {
                if (_disposed) return;
                _disposed = true;
                _writer._depth--;
                _writer.Line(_close);
            }
        }
    }
}
