using System.IO;
using System.Linq;

namespace Circuits.Cli
{
    /// <summary>list: one line per catalog program (circuits, then MPC programs), its name and description.</summary>
    internal static class ListCommand
    {
        public static int Execute(TextWriter stdout)
        {
            int width = ProgramCatalog.All.Select(e => e.Name).Concat(ProgramCatalog.Mpc.Select(e => e.Name)).Max(n => n.Length);
            foreach (var entry in ProgramCatalog.All)
                stdout.WriteLine(entry.Name.PadRight(width) + "  " + entry.Description);
            foreach (var entry in ProgramCatalog.Mpc)
                stdout.WriteLine(entry.Name.PadRight(width) + "  " + entry.Description);
            return CliApp.Success;
        }
    }
}
