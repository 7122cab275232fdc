using System.IO;

namespace Circuits.Cli
{
    /// <summary>compile: compiles the program and prints its model card as text or JSON.</summary>
    internal static class CompileCommand
    {
        public static int Execute(CliOptions options, TextWriter stdout)
        {
            var card = options.Compile().Card;
            stdout.Write(options.Format == OutputFormat.Json ? CardFormatter.ToJson(card) + "\n" : CardFormatter.ToText(card));
            return CliApp.Success;
        }
    }
}
