using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Circuits.Tests.Generator
{
    /// <summary>
    /// What every declaration must give (issue 8, point 7): the generator never throws (no CS8785, no CIRC0900), and either
    /// the compilation is free of errors, or the errors are located CIRC diagnostics (and C#'s own, in the user's files)
    /// with none inside generated files.
    /// </summary>
    public static class DeclarationChecks
    {
        /// <summary>The problems of one run, empty when it keeps the promise; <paramref name="userErrorsAllowed"/> for sources C# refuses on their own.</summary>
        public static List<string> Problems(GeneratorRun run, bool userErrorsAllowed = false)
        {
            var problems = new List<string>();
            foreach (var result in run.Result.Results)
                if (result.Exception != null) problems.Add("generator threw: " + result.Exception.GetType().Name + ": " + result.Exception.Message);
            foreach (var d in run.Diagnostics.Concat(run.CompilationDiagnostics))
            {
                if (d.Id is "CS8785" or "CIRC0900") problems.Add("generator failure: " + d);
                if (d.Severity != DiagnosticSeverity.Error) continue;
                // Generator diagnostics travel as data: their location is a file path and span, not a syntax tree.
                var path = d.Location.GetLineSpan().Path ?? "";
                if (path.EndsWith(".g.cs", StringComparison.Ordinal)) problems.Add("error inside a generated file: " + d);
                else if (path.Length == 0) problems.Add("unlocated: " + d);
            }
            bool circ = run.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CIRC", StringComparison.Ordinal));
            var userErrors = run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (!circ && !userErrorsAllowed && userErrors.Count > 0)
                problems.Add("errors without a CIRC diagnostic: " + string.Join("; ", userErrors.Take(5)));
            return problems;
        }

        /// <summary>Fails with the source and every problem when the run breaks the promise.</summary>
        public static void Holds(GeneratorRun run, string source, bool userErrorsAllowed = false)
        {
            var problems = Problems(run, userErrorsAllowed);
            if (problems.Count > 0) throw new Xunit.Sdk.XunitException(string.Join("\n", problems) + "\nsource:\n" + source);
        }

        /// <summary>Errors of the updated compilation (C#'s, after generation).</summary>
        public static List<Diagnostic> Errors(GeneratorRun run) => run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }
}
