using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Circuits.Generator.Interpreter
{
    public sealed partial class StagingInterpreter
    {
        /// <summary>
        /// Everything the interpretation depended on, as text: for every method body it ran (in first-run order), each
        /// operation's kind, the symbols it bound (methods with their signatures, fields with their constant values,
        /// properties, locals, parameters, operators, conversions) and its constants. Equal fingerprints (with equal
        /// options) mean equal programs, so compiled weights can be reused when an unrelated file changes; positions,
        /// whitespace and comments are left out on purpose.
        /// </summary>
        public string Fingerprint()
        {
            var text = new StringBuilder();
            // Lambdas run while the program compiles (maps, predicates) and may call helpers not run yet: follow every
            // call and method reference with a source body, so the fingerprint covers all code the compilation can reach.
            for (int i = 0; i < _bodyOrder.Count; i++)
            {
                text.Append("body\n");
                foreach (var op in _bodyOrder[i].DescendantsAndSelf())
                {
                    Describe(op, text);
                    var target = op is IInvocationOperation call ? call.TargetMethod : op is IMethodReferenceOperation reference ? reference.Method : null;
                    if (target != null) Reach(target, text);
                }
            }
            return text.ToString();
        }

        private void Reach(IMethodSymbol method, StringBuilder text)
        {
            foreach (var syntax in method.OriginalDefinition.DeclaringSyntaxReferences)
            {
                if (!(syntax.GetSyntax(_cancellation) is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration)) continue;
                if (declaration.Body is null && declaration.ExpressionBody is null) continue;
                if (_bodies.ContainsKey(declaration)) continue;
                try { Body(declaration); }
                catch (InterpretException) { text.Append("unsupported body ").Append(method.ToDisplayString()).Append('\n'); }
                catch (SourceHasErrorsException) { text.Append("erroneous body ").Append(method.ToDisplayString()).Append('\n'); }
            }
        }

        private static void Describe(IOperation op, StringBuilder text)
        {
            text.Append(op.Kind);
            switch (op)
            {
                case IInvocationOperation x: text.Append(' ').Append(x.TargetMethod.ToDisplayString()); break;
                case IFieldReferenceOperation x:
                    text.Append(' ').Append(x.Field.ToDisplayString());
                    if (x.Field.HasConstantValue) text.Append('=').Append(Constant(x.Field.ConstantValue));
                    break;
                case IPropertyReferenceOperation x: text.Append(' ').Append(x.Property.ToDisplayString()); break;
                case ILocalReferenceOperation x: text.Append(' ').Append(x.Local.Name).Append(':').Append(x.Local.Type.ToDisplayString()); break;
                case IParameterReferenceOperation x: text.Append(' ').Append(x.Parameter.Name).Append(':').Append(x.Parameter.Type.ToDisplayString()); break;
                case IVariableDeclaratorOperation x: text.Append(' ').Append(x.Symbol.Name).Append(':').Append(x.Symbol.Type.ToDisplayString()); break;
                case IBinaryOperation x: text.Append(' ').Append(x.OperatorKind).Append(' ').Append(x.OperatorMethod?.ToDisplayString()); break;
                case IUnaryOperation x: text.Append(' ').Append(x.OperatorKind).Append(' ').Append(x.OperatorMethod?.ToDisplayString()); break;
                case ICompoundAssignmentOperation x: text.Append(' ').Append(x.OperatorKind).Append(' ').Append(x.OperatorMethod?.ToDisplayString()); break;
                case IConversionOperation x: text.Append(' ').Append(x.OperatorMethod?.ToDisplayString()).Append(" checked=").Append(x.IsChecked); break;
                case IMethodReferenceOperation x: text.Append(' ').Append(x.Method.ToDisplayString()); break;
                case IObjectCreationOperation x: text.Append(' ').Append(x.Constructor?.ToDisplayString()); break;
                case IIncrementOrDecrementOperation x: text.Append(x.IsPostfix ? " post" : " pre"); break;
                case IBranchOperation x: text.Append(' ').Append(x.BranchKind); break;
                case IArgumentOperation x: text.Append(' ').Append(x.Parameter?.Name); break;
            }
            if (op.Type != null) text.Append(" :").Append(op.Type.ToDisplayString());
            if (op.ConstantValue.HasValue) text.Append(" =").Append(Constant(op.ConstantValue.Value));
            text.Append('\n');
        }

        private static string Constant(object? value) => value switch
        {
            null => "null",
            string s => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
            char c => "'" + c + "'",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            System.IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
    }
}
