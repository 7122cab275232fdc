using System.IO;
using System.Linq;

namespace Circuits.Cli
{
    /// <summary>list: one line per catalog program, its name and description.</summary>
    internal static class ListCommand
    {
        public static int Execute(TextWriter stdout)
        {
            int width = ProgramCatalog.All.Max(e => e.Name.Length);
            foreach (var entry in ProgramCatalog.All)
                stdout.WriteLine(entry.Name.PadRight(width) + "  " + entry.Description);
            return CliApp.Success;
        }
    }
}
