using System;

namespace Circuits.Cli
{
    /// <summary>Bad command-line arguments: reported as one line and exit code 2.</summary>
    public sealed class UsageException : Exception
    {
        /// <summary>Creates the exception; the message names the offending value.</summary>
        public UsageException(string message) : base(message) { }
    }

    /// <summary>A run that was well formed but failed (bad input line, decode failure): one line and exit code 1.</summary>
    public sealed class RunFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public RunFailedException(string message) : base(message) { }
    }
}
