using System;
using System.Linq;
using System.Reflection;
using Circuits.Compiler;
using Microsoft.CodeAnalysis;

namespace Circuits.Generator.Interpreter
{
    /// <summary>
    /// Binds members the program calls to the compiler core compiled into this generator. <c>Circuits.Rasp</c> maps to
    /// <see cref="Dsl"/> (same names, same signatures: the runtime facade forwards there too), anything declared in
    /// <c>Circuits.Compiler</c> maps to the type of the same name here. Binding is by name and exact parameter types,
    /// so an overload the runtime would pick is the overload the interpreter calls.
    /// </summary>
    internal static class CoreBinder
    {
        private const string CoreNamespace = "Circuits.Compiler";
        private static readonly Assembly s_core = typeof(Dsl).Assembly;

        /// <summary>True when <paramref name="type"/> is the runtime facade or a core type.</summary>
        public static bool IsCore(ITypeSymbol? type)
            => type != null && (IsRasp(type) || type.ContainingNamespace?.ToDisplayString() == CoreNamespace);

        private static bool IsRasp(ITypeSymbol type) => type.Name == "Rasp" && type.ContainingNamespace?.ToDisplayString() == "Circuits";

        /// <summary>The CLR type for a Roslyn type, or null when the interpreter has no counterpart.</summary>
        public static Type? MapType(ITypeSymbol type)
        {
            switch (type.SpecialType)
            {
                case SpecialType.System_Int32: return typeof(int);
                case SpecialType.System_Int64: return typeof(long);
                case SpecialType.System_Double: return typeof(double);
                case SpecialType.System_Single: return typeof(float);
                case SpecialType.System_Boolean: return typeof(bool);
                case SpecialType.System_Char: return typeof(char);
                case SpecialType.System_String: return typeof(string);
                case SpecialType.System_Object: return typeof(object);
            }
            if (IsRasp(type)) return typeof(Dsl);
            if (type is INamedTypeSymbol named)
            {
                if (named.ContainingNamespace?.ToDisplayString() == CoreNamespace && named.ContainingType is null)
                    return s_core.GetType(CoreNamespace + "." + named.MetadataName, throwOnError: false);
                if (named.IsGenericType && named.ContainingNamespace?.ToDisplayString() == "System" && named.Name == "Func")
                {
                    var definition = Type.GetType("System.Func`" + named.TypeArguments.Length, throwOnError: false);
                    var args = named.TypeArguments.Select(MapType).ToArray();
                    if (definition is null || args.Any(a => a is null)) return null;
                    return definition.MakeGenericType(args!);
                }
            }
            return null;
        }

        /// <summary>The core method a Roslyn method symbol stands for, or null.</summary>
        public static MethodInfo? FindMethod(IMethodSymbol method)
        {
            var owner = MapType(method.ContainingType);
            if (owner is null) return null;
            var parameters = method.Parameters.Select(p => MapType(p.Type)).ToArray();
            if (parameters.Any(p => p is null)) return null;
            var flags = BindingFlags.Public | (method.IsStatic ? BindingFlags.Static : BindingFlags.Instance);
            return owner.GetMethod(method.Name, flags, null, parameters!, null);
        }

        /// <summary>The core property, or null.</summary>
        public static PropertyInfo? FindProperty(IPropertySymbol property)
        {
            var owner = MapType(property.ContainingType);
            return owner?.GetProperty(property.Name, BindingFlags.Public | (property.IsStatic ? BindingFlags.Static : BindingFlags.Instance));
        }

        /// <summary>The core field, or null.</summary>
        public static FieldInfo? FindField(IFieldSymbol field)
        {
            var owner = MapType(field.ContainingType);
            return owner?.GetField(field.Name, BindingFlags.Public | (field.IsStatic ? BindingFlags.Static : BindingFlags.Instance));
        }

        /// <summary>Calls a core method, converting arguments to the exact parameter types; unwraps reflection's wrapper.</summary>
        public static object? Invoke(MethodInfo method, object? instance, object?[] arguments)
        {
            var parameters = method.GetParameters();
            var converted = new object?[parameters.Length];
            for (int i = 0; i < parameters.Length; i++) converted[i] = Values.Convert(i < arguments.Length ? arguments[i] : null, parameters[i].ParameterType);
            try
            {
                return method.Invoke(instance, converted);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }
}
