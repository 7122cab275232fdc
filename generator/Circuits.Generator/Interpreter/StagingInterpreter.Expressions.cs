using System;
using System.Linq;
using System.Text;
using Circuits.Compiler;
using Circuits.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace Circuits.Generator.Interpreter
{
    public sealed partial class StagingInterpreter
    {
        private object? Evaluate(IOperation op, Frame frame)
        {
            Step(op);
            if (op.ConstantValue.HasValue) return op.ConstantValue.Value;
            switch (op)
            {
                case ILocalReferenceOperation local:
                    return Read(local.Local, frame, op);
                case IParameterReferenceOperation parameter:
                    return Read(parameter.Parameter, frame, op);
                case IFieldReferenceOperation field:
                    return ReadField(field, frame);
                case IPropertyReferenceOperation property:
                    return ReadProperty(property, frame);
                case IInvocationOperation invocation:
                    return Invoke(invocation, frame);
                case IBinaryOperation binary:
                    return EvaluateBinary(binary, frame);
                case IUnaryOperation unary:
                    return EvaluateUnary(unary, frame);
                case IConversionOperation conversion when conversion.OperatorMethod != null:
                {
                    var operand = Evaluate(conversion.Operand, frame);
                    var target = CoreBinder.IsCore(conversion.OperatorMethod.ContainingType) ? CoreBinder.FindMethod(conversion.OperatorMethod) : null;
                    if (target is null) throw Unsupported(op.Syntax, "conversion '" + conversion.OperatorMethod.ToDisplayString() + "'");
                    return Guarded(op, () => CoreBinder.Invoke(target, null, new[] { operand }));
                }
                case IConversionOperation conversion:
                    return Guarded(op, () => Values.Convert(Evaluate(conversion.Operand, frame), conversion.Type));
                case ITupleOperation tuple:
                    return CreateTuple(tuple, frame);
                case IDelegateCreationOperation creation:
                    return CreateDelegate(creation, frame);
                case IConditionalOperation conditional when conditional.WhenFalse != null:
                    return Values.ToBool(Evaluate(conditional.Condition, frame)) ? Evaluate(conditional.WhenTrue, frame) : Evaluate(conditional.WhenFalse, frame);
                case ISimpleAssignmentOperation assignment:
                {
                    var value = Evaluate(assignment.Value, frame);
                    Assign(assignment.Target, value, frame);
                    return value;
                }
                case ICompoundAssignmentOperation compound:
                {
                    var current = Evaluate(compound.Target, frame);
                    var right = Evaluate(compound.Value, frame);
                    var result = Values.Convert(ApplyBinary(compound, compound.OperatorKind, compound.OperatorMethod, current, right), compound.Target.Type);
                    Assign(compound.Target, result, frame);
                    return result;
                }
                case IIncrementOrDecrementOperation increment:
                {
                    var current = Evaluate(increment.Target, frame);
                    var next = Values.Step(current, increment.Kind == OperationKind.Increment ? 1 : -1);
                    Assign(increment.Target, next, frame);
                    return increment.IsPostfix ? current : next;
                }
                case IArrayCreationOperation array:
                    return CreateArray(array, frame);
                case IArrayElementReferenceOperation element:
                {
                    var target = Evaluate(element.ArrayReference, frame) as Array;
                    if (target is null || element.Indices.Length != 1) throw Unsupported(op);
                    int index = Values.ToInt(Evaluate(element.Indices[0], frame));
                    if (index < 0 || index >= target.Length)
                        throw new InterpretException(DiagnosticDescriptors.EvaluationFailed, op.Syntax, "index " + index + " is outside the array of length " + target.Length);
                    return target.GetValue(index);
                }
                case ICollectionExpressionOperation collection when collection.Elements.All(e => !(e is ISpreadOperation)):
                    return collection.Elements.Select(e => Evaluate(e, frame)).ToArray();
                case IInterpolatedStringOperation interpolated:
                    return Interpolate(interpolated, frame);
                case IParenthesizedOperation parenthesized:
                    return Evaluate(parenthesized.Operand, frame);
                case IInvalidOperation _:
                    throw new SourceHasErrorsException();
                default:
                    throw Unsupported(op);
            }
        }

        private static object? Read(ISymbol symbol, Frame frame, IOperation op)
            => frame.TryGet(symbol, out var value) ? value : throw Unsupported(op.Syntax, "reference to '" + symbol.Name + "' outside the program");

        private object? ReadField(IFieldReferenceOperation op, Frame frame)
        {
            if (op.Field.ContainingType?.IsTupleType == true && op.Instance != null)
            {
                var tuple = Evaluate(op.Instance, frame);
                var field = tuple?.GetType().GetField((op.Field.CorrespondingTupleField ?? op.Field).Name);
                if (field is null) throw Unsupported(op.Syntax, "tuple field '" + op.Field.Name + "' of " + Values.Describe(tuple));
                return field.GetValue(tuple);
            }
            if (CoreBinder.IsCore(op.Field.ContainingType) && op.Field.IsStatic)
            {
                var field = CoreBinder.FindField(op.Field);
                if (field != null) return field.GetValue(null);
            }
            throw Unsupported(op.Syntax, "field '" + op.Field.ToDisplayString() + "' (only const fields and DSL members are evaluated)");
        }

        private object? ReadProperty(IPropertyReferenceOperation op, Frame frame)
        {
            var instance = op.Instance is null ? null : Evaluate(op.Instance, frame);
            if (op.Property.Name == "Length" && op.Arguments.Length == 0)
            {
                if (instance is string text) return text.Length;
                if (instance is Array array) return array.Length;
            }
            // An element of a list the core returned (an MPC inbox's slots): read it as the run-time indexer would.
            if (op.Property.IsIndexer && op.Arguments.Length == 1 && instance is System.Collections.IList list)
            {
                int index = Values.ToInt(Evaluate(op.Arguments[0].Value, frame));
                if (index < 0 || index >= list.Count)
                    throw new InterpretException(DiagnosticDescriptors.EvaluationFailed, op.Syntax, "index " + index + " is outside the list of length " + list.Count);
                return list[index];
            }
            if (CoreBinder.IsCore(op.Property.ContainingType) && op.Arguments.Length == 0)
            {
                var property = CoreBinder.FindProperty(op.Property);
                if (property != null) return Guarded(op, () => property.GetValue(instance));
            }
            throw Unsupported(op.Syntax, "property '" + op.Property.ToDisplayString() + "'");
        }

        private object? Invoke(IInvocationOperation op, Frame frame)
        {
            var method = op.TargetMethod;
            var instance = op.Instance is null ? null : Evaluate(op.Instance, frame);
            var arguments = new object?[method.Parameters.Length];
            foreach (var argument in op.Arguments)
            {
                if (argument.Parameter is null) throw Unsupported(argument.Syntax, "argument without a parameter");
                arguments[argument.Parameter.Ordinal] = Evaluate(argument.Value, frame);
            }

            if (CoreBinder.IsCore(method.ContainingType))
            {
                var target = CoreBinder.FindMethod(method);
                if (target is null) throw Unsupported(op.Syntax, "call to '" + method.ToDisplayString() + "' (no build-time counterpart)");
                return Guarded(op, () => CoreBinder.Invoke(target, instance, arguments));
            }
            if (method.ContainingType?.ToDisplayString() == "System.Math")
                return Guarded(op, () => MathCall(method, arguments) ?? throw Unsupported(op.Syntax, "call to '" + method.ToDisplayString() + "' (supported: Math.Min, Max, Abs, Floor, Ceiling, Sqrt, Pow)"));
            if (method.IsStatic && method.MethodKind == MethodKind.Ordinary && !method.IsGenericMethod && method.DeclaringSyntaxReferences.Length > 0)
                return Call(method, arguments, op.Syntax);
            throw Unsupported(op.Syntax, "call to '" + method.ToDisplayString() + "'");
        }

        private void Track(object? value, SyntaxNode syntax)
        {
            switch (value)
            {
                case SOp s: Remember(s, syntax); break;
                case Selector s: Remember(s, syntax); break;
                case Sequence s: foreach (var part in s.Parts) Remember(part, syntax); break;
                case Circuits.Mpc.MpcRegister r: Remember(r, syntax); break;
                case Circuits.Mpc.MpcInbox inbox:
                    Remember(inbox.Received, syntax);
                    foreach (var slot in inbox.Slots) Remember(slot, syntax);
                    break;
            }
        }

        private void Remember(object node, SyntaxNode syntax)
        {
            if (_created.ContainsKey(node)) return;
            _created[node] = _createdOrder.Count;
            _createdOrder.Add(syntax);
        }

        /// <summary>The creation index of a program node (stable across re-interpretations of the same program), or -1.</summary>
        public int CreationIndex(object? node) => node != null && _created.TryGetValue(node, out var i) ? i : -1;

        /// <summary>The expression that created the node with this creation index, or null.</summary>
        public SyntaxNode? CreatedAt(int index) => index >= 0 && index < _createdOrder.Count ? _createdOrder[index] : null;

        private static object? MathCall(IMethodSymbol method, object?[] a)
        {
            bool isDouble = method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_Double;
            bool isInt = method.Parameters.Length > 0 && method.Parameters[0].Type.SpecialType == SpecialType.System_Int32;
            switch (method.Name)
            {
                case "Min" when isInt: return Math.Min(Values.ToInt(a[0]), Values.ToInt(a[1]));
                case "Min" when isDouble: return Math.Min(Values.ToDouble(a[0]), Values.ToDouble(a[1]));
                case "Max" when isInt: return Math.Max(Values.ToInt(a[0]), Values.ToInt(a[1]));
                case "Max" when isDouble: return Math.Max(Values.ToDouble(a[0]), Values.ToDouble(a[1]));
                case "Abs" when isInt: return Math.Abs(Values.ToInt(a[0]));
                case "Abs" when isDouble: return Math.Abs(Values.ToDouble(a[0]));
                case "Floor" when isDouble: return Math.Floor(Values.ToDouble(a[0]));
                case "Ceiling" when isDouble: return Math.Ceiling(Values.ToDouble(a[0]));
                case "Sqrt": return Math.Sqrt(Values.ToDouble(a[0]));
                case "Pow": return Math.Pow(Values.ToDouble(a[0]), Values.ToDouble(a[1]));
                default: return null;
            }
        }

        private object? EvaluateBinary(IBinaryOperation op, Frame frame)
        {
            if (op.OperatorMethod is null)
            {
                if (op.OperatorKind == BinaryOperatorKind.ConditionalAnd)
                    return Values.ToBool(Evaluate(op.LeftOperand, frame)) && Values.ToBool(Evaluate(op.RightOperand, frame));
                if (op.OperatorKind == BinaryOperatorKind.ConditionalOr)
                    return Values.ToBool(Evaluate(op.LeftOperand, frame)) || Values.ToBool(Evaluate(op.RightOperand, frame));
            }
            var left = Evaluate(op.LeftOperand, frame);
            var right = Evaluate(op.RightOperand, frame);
            return ApplyBinary(op, op.OperatorKind, op.OperatorMethod, left, right);
        }

        private object? ApplyBinary(IOperation op, BinaryOperatorKind kind, IMethodSymbol? method, object? left, object? right)
        {
            if (method != null)
            {
                // User-defined operators on SOp/Selector: the core's operator methods, exactly as the runtime calls them.
                var target = CoreBinder.IsCore(method.ContainingType) ? CoreBinder.FindMethod(method) : null;
                if (target is null) throw Unsupported(op.Syntax, "operator '" + method.ToDisplayString() + "'");
                return Guarded(op, () => CoreBinder.Invoke(target, null, new[] { left, right }));
            }
            return Guarded(op, () => Values.Binary(kind, left, right));
        }

        private object? EvaluateUnary(IUnaryOperation op, Frame frame)
        {
            var operand = Evaluate(op.Operand, frame);
            if (op.OperatorMethod != null)
            {
                var target = CoreBinder.IsCore(op.OperatorMethod.ContainingType) ? CoreBinder.FindMethod(op.OperatorMethod) : null;
                if (target is null) throw Unsupported(op.Syntax, "operator '" + op.OperatorMethod.ToDisplayString() + "'");
                return Guarded(op, () => CoreBinder.Invoke(target, null, new[] { operand }));
            }
            return Guarded(op, () => Values.Unary(op.OperatorKind, operand));
        }

        private void Assign(IOperation target, object? value, Frame frame)
        {
            switch (target)
            {
                case ILocalReferenceOperation local when frame.TrySet(local.Local, value):
                    return;
                case IParameterReferenceOperation parameter when frame.TrySet(parameter.Parameter, value):
                    return;
                case IArrayElementReferenceOperation element when element.Indices.Length == 1:
                {
                    var array = Evaluate(element.ArrayReference, frame) as Array ?? throw Unsupported(target);
                    int index = Values.ToInt(Evaluate(element.Indices[0], frame));
                    if (index < 0 || index >= array.Length)
                        throw new InterpretException(DiagnosticDescriptors.EvaluationFailed, target.Syntax, "index " + index + " is outside the array of length " + array.Length);
                    array.SetValue(value, index);
                    return;
                }
                default:
                    throw Unsupported(target.Syntax, "assignment to " + target.Syntax.Kind() + " (only locals, parameters and array elements)");
            }
        }

        /// <summary>A tuple literal: a real ValueTuple of the literal's (converted) type, so the core's codecs can read it.</summary>
        private object CreateTuple(ITupleOperation op, Frame frame)
        {
            var type = op.Type is null ? null : CoreBinder.MapType(op.Type);
            if (type is null) throw Unsupported(op.Syntax, "tuple of type " + op.Type?.ToDisplayString());
            var elements = type.GetGenericArguments();
            var values = new object?[op.Elements.Length];
            for (int i = 0; i < values.Length; i++) values[i] = Values.Convert(Evaluate(op.Elements[i], frame), elements[i]);
            return System.Activator.CreateInstance(type, values)!;
        }

        private object CreateArray(IArrayCreationOperation op, Frame frame)
        {
            if (op.Initializer != null) return op.Initializer.ElementValues.Select(e => Evaluate(e, frame)).ToArray();
            if (op.DimensionSizes.Length != 1) throw Unsupported(op);
            int length = Values.ToInt(Evaluate(op.DimensionSizes[0], frame));
            if (length < 0 || length > 1 << 20) throw new InterpretException(DiagnosticDescriptors.EvaluationFailed, op.Syntax, "array length " + length);
            var element = (op.Type as IArrayTypeSymbol)?.ElementType;
            var zero = element != null && element.IsValueType ? Values.Convert(0, element) : null;
            if (element?.SpecialType == SpecialType.System_Boolean) zero = false;
            var result = new object?[length];
            for (int i = 0; i < length; i++) result[i] = zero;
            return result;
        }

        private string Interpolate(IInterpolatedStringOperation op, Frame frame)
        {
            var text = new StringBuilder();
            foreach (var part in op.Parts)
            {
                switch (part)
                {
                    case IInterpolatedStringTextOperation literal:
                        text.Append(Values.ToText(Evaluate(literal.Text, frame)));
                        break;
                    case IInterpolationOperation hole when hole.Alignment is null && hole.FormatString is null:
                        text.Append(Values.ToText(Evaluate(hole.Expression, frame)));
                        break;
                    default:
                        throw Unsupported(part);
                }
            }
            return text.ToString();
        }

        /// <summary>A lambda or method group becomes a real delegate that interprets its body when the core calls it.</summary>
        private object CreateDelegate(IDelegateCreationOperation op, Frame frame)
        {
            var type = CoreBinder.MapType(op.Type!) ?? throw Unsupported(op.Syntax, "delegate of type " + op.Type?.ToDisplayString());
            Func<object?[], object?> body;
            switch (op.Target)
            {
                case IAnonymousFunctionOperation lambda:
                    body = args =>
                    {
                        var scope = new Frame(frame);
                        for (int i = 0; i < lambda.Symbol.Parameters.Length; i++)
                            scope.Declare(lambda.Symbol.Parameters[i], Values.Convert(args[i], lambda.Symbol.Parameters[i].Type));
                        return RunBody(lambda.Body, scope, lambda.Syntax);
                    };
                    break;
                case IMethodReferenceOperation reference when reference.Method.IsStatic && reference.Method.DeclaringSyntaxReferences.Length > 0:
                    body = args => Call(reference.Method, args, op.Syntax);
                    break;
                default:
                    throw Unsupported(op.Target);
            }
            return DelegateFactory.Create(type, body) ?? throw Unsupported(op.Syntax, "delegate of type " + op.Type?.ToDisplayString());
        }

        /// <summary>
        /// Runs a call into the core or a built-in operator; its failures become CIRC0012 at this expression. The program
        /// nodes it returns remember this expression, so a compile error about a node can point at the call that built it.
        /// </summary>
        private object? Guarded(IOperation op, Func<object?> action)
        {
            try
            {
                var result = action();
                Track(result, op.Syntax);
                return result;
            }
            catch (Exception e) when (!(e is InterpretException || e is SourceHasErrorsException || e is OperationCanceledException
                                        || e is Circuits.Compiler.CompileException))
            {
                throw new InterpretException(DiagnosticDescriptors.EvaluationFailed, op.Syntax, InterpretException.Describe(e));
            }
        }
    }
}
