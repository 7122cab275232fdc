using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Circuits.Compiler;
using Circuits.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Circuits.Generator.Interpreter
{
    /// <summary>
    /// Evaluates a [Program] method's body at build time over a restricted C# subset and returns the IR it builds, by
    /// calling the same core functions the runtime facade calls. Works on Roslyn's IOperation tree, where overloads are
    /// resolved, implicit conversions are explicit and default arguments are filled in — so the interpreter makes the
    /// same choices the C# compiler made for the run-time program. Anything outside the subset is an
    /// <see cref="InterpretException"/> at its exact location.
    /// </summary>
    public sealed partial class StagingInterpreter
    {
        /// <summary>Statements and expressions evaluated before the interpreter gives up (shared with lambda calls made while compiling).</summary>
        public const int StepLimit = 2_000_000;

        /// <summary>Nested helper/lambda calls before the interpreter gives up (keeps the compiler's stack safe).</summary>
        public const int DepthLimit = 64;

        private enum Completion { Normal, Break, Continue, Return }

        private readonly Compilation _compilation;
        private readonly CancellationToken _cancellation;
        private readonly Dictionary<SyntaxTree, SemanticModel> _models = new Dictionary<SyntaxTree, SemanticModel>();
        private readonly Dictionary<SyntaxNode, IMethodBodyOperation> _bodies = new Dictionary<SyntaxNode, IMethodBodyOperation>();
        private readonly List<IMethodBodyOperation> _bodyOrder = new List<IMethodBodyOperation>();
        private readonly Dictionary<object, int> _created = new Dictionary<object, int>(new IdentityComparer());
        private readonly List<SyntaxNode> _createdOrder = new List<SyntaxNode>();
        private int _steps;
        private int _depth;
        private object? _returned;

        public StagingInterpreter(Compilation compilation, CancellationToken cancellation = default)
        {
            _compilation = compilation;
            _cancellation = cancellation;
        }

        private sealed class IdentityComparer : IEqualityComparer<object>
        {
            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);
            public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        /// <summary>Runs the [Program] method and returns its program.</summary>
        public SOp Run(IMethodSymbol method, SyntaxNode reportAt)
        {
            var value = Call(method, System.Array.Empty<object?>(), reportAt);
            if (value is Sequence sequence)
            {
                try { return sequence.Node; }
                catch (System.InvalidOperationException e) { throw new InterpretException(DiagnosticDescriptors.EvaluationFailed, reportAt, InterpretException.Describe(e)); }
            }
            return value as SOp ?? throw new InterpretException(DiagnosticDescriptors.EvaluationFailed, reportAt,
                "the [Program] method returned " + (value is null ? "null" : Values.Describe(value)) + ", not a sequence");
        }

        /// <summary>Interprets a static method whose source is in the compilation, with bound arguments.</summary>
        private object? Call(IMethodSymbol method, object?[] arguments, SyntaxNode callSite)
        {
            var definition = method.OriginalDefinition;
            var declaration = definition.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellation)).OfType<MethodDeclarationSyntax>()
                .FirstOrDefault(d => d.Body != null || d.ExpressionBody != null);
            if (declaration is null)
                throw new InterpretException(DiagnosticDescriptors.UnsupportedSyntax, callSite, "call to '" + method.ToDisplayString() + "' (no source body)");
            var body = Body(declaration);
            var frame = new Frame(null);
            for (int i = 0; i < definition.Parameters.Length; i++)
                frame.Declare(definition.Parameters[i], i < arguments.Length ? arguments[i] : null);
            return RunBody(body.BlockBody ?? body.ExpressionBody, frame, callSite);
        }

        /// <summary>Runs a body (method or lambda) in a frame and returns what it returned.</summary>
        private object? RunBody(IOperation? body, Frame frame, SyntaxNode callSite)
        {
            if (body is null) throw new InterpretException(DiagnosticDescriptors.UnsupportedSyntax, callSite, "body-less method");
            if (++_depth > DepthLimit) throw new InterpretException(DiagnosticDescriptors.StepLimit, callSite, StepLimit, DepthLimit);
            try
            {
                _returned = null;
                var completion = Execute(body, frame);
                var value = completion == Completion.Return ? _returned : null;
                _returned = null;
                return value;
            }
            finally
            {
                _depth--;
            }
        }

        private IMethodBodyOperation Body(MethodDeclarationSyntax declaration)
        {
            if (_bodies.TryGetValue(declaration, out var cached)) return cached;
            var model = Model(declaration.SyntaxTree);
            // Source with compile errors: the C# compiler reports them; interpreting it would only add noise.
            if (model.GetDiagnostics(declaration.Span, _cancellation).Any(d => d.Severity == DiagnosticSeverity.Error))
                throw new SourceHasErrorsException();
            if (!(model.GetOperation(declaration, _cancellation) is IMethodBodyOperation body))
                throw new InterpretException(DiagnosticDescriptors.UnsupportedSyntax, declaration, declaration.Kind().ToString());
            _bodies.Add(declaration, body);
            _bodyOrder.Add(body);
            return body;
        }

        private SemanticModel Model(SyntaxTree tree)
        {
            if (!_models.TryGetValue(tree, out var model))
            {
                model = _compilation.GetSemanticModel(tree);
                _models.Add(tree, model);
            }
            return model;
        }

        private void Step(IOperation op)
        {
            if (++_steps > StepLimit) throw new InterpretException(DiagnosticDescriptors.StepLimit, op.Syntax, StepLimit, DepthLimit);
            if ((_steps & 0x3FF) == 0) _cancellation.ThrowIfCancellationRequested();
        }

        private static InterpretException Unsupported(IOperation op) => Unsupported(op.Syntax, op.Syntax.Kind().ToString());

        private static InterpretException Unsupported(SyntaxNode node, string what) => new InterpretException(DiagnosticDescriptors.UnsupportedSyntax, node, what);

        private Completion Execute(IOperation op, Frame frame)
        {
            Step(op);
            switch (op)
            {
                case IBlockOperation block:
                {
                    var inner = new Frame(frame);
                    foreach (var statement in block.Operations)
                    {
                        var c = Execute(statement, inner);
                        if (c != Completion.Normal) return c;
                    }
                    return Completion.Normal;
                }
                case IVariableDeclarationGroupOperation group:
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            var init = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                            frame.Declare(declarator.Symbol, init is null ? null : Evaluate(init, frame));
                        }
                    }
                    return Completion.Normal;
                case IExpressionStatementOperation statement:
                    Evaluate(statement.Operation, frame);
                    return Completion.Normal;
                case IReturnOperation ret:
                    _returned = ret.ReturnedValue is null ? null : Evaluate(ret.ReturnedValue, frame);
                    return Completion.Return;
                case IConditionalOperation branch:
                    if (Values.ToBool(Evaluate(branch.Condition, frame))) return Execute(branch.WhenTrue, new Frame(frame));
                    return branch.WhenFalse is null ? Completion.Normal : Execute(branch.WhenFalse, new Frame(frame));
                case IForLoopOperation loop:
                    return ExecuteFor(loop, frame);
                case IForEachLoopOperation each:
                    return ExecuteForEach(each, frame);
                case IBranchOperation jump when jump.BranchKind == BranchKind.Break:
                    return Completion.Break;
                case IBranchOperation jump when jump.BranchKind == BranchKind.Continue:
                    return Completion.Continue;
                case IEmptyOperation _:
                    return Completion.Normal;
                case IInvalidOperation _:
                    throw new SourceHasErrorsException();
                default:
                    throw Unsupported(op);
            }
        }

        private Completion ExecuteFor(IForLoopOperation loop, Frame frame)
        {
            var scope = new Frame(frame);
            foreach (var before in loop.Before) Execute(before, scope);
            while (true)
            {
                Step(loop);
                if (loop.Condition != null && !Values.ToBool(Evaluate(loop.Condition, scope))) return Completion.Normal;
                var c = Execute(loop.Body, new Frame(scope));
                if (c == Completion.Return) return c;
                if (c == Completion.Break) return Completion.Normal;
                foreach (var after in loop.AtLoopBottom) Execute(after, scope);
            }
        }

        private Completion ExecuteForEach(IForEachLoopOperation loop, Frame frame)
        {
            var collection = Evaluate(loop.Collection, frame);
            if (!(loop.LoopControlVariable is IVariableDeclaratorOperation variable)) throw Unsupported(loop.LoopControlVariable.Syntax, "foreach deconstruction");
            IEnumerable<object?> items = collection switch
            {
                string s => s.Select(ch => (object?)ch),
                System.Array a => a.Cast<object?>(),
                _ => throw new InterpretException(DiagnosticDescriptors.UnsupportedSyntax, loop.Collection.Syntax,
                    "foreach over " + Values.Describe(collection) + " (use an array, a string or a for loop with constant bounds)"),
            };
            foreach (var item in items.ToArray())
            {
                Step(loop);
                var scope = new Frame(frame);
                scope.Declare(variable.Symbol, Values.Convert(item, variable.Symbol.Type));
                var c = Execute(loop.Body, scope);
                if (c == Completion.Return) return c;
                if (c == Completion.Break) break;
            }
            return Completion.Normal;
        }
    }
}
