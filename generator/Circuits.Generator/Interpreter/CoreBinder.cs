using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Circuits.Compiler;
using Microsoft.CodeAnalysis;

namespace Circuits.Generator.Interpreter
{
    /// <summary>
    /// Binds the members a program calls to the compiler core compiled into this generator: the language
    /// (<c>Circuits.Rasp</c>, <c>Categorical&lt;T&gt;</c>, <c>Numerical</c>, ...), the MPC builder (<c>Circuits.Mpc</c>) and everything in <c>Circuits.Compiler</c>
    /// are the very types the runtime uses, so a Roslyn symbol maps to the CLR type of the same metadata name here, and a
    /// method to the overload with the same (substituted) parameter types. Binding by the C# compiler's own overload choice
    /// means the interpreter calls what the run-time program would call.
    /// </summary>
    internal static class CoreBinder
    {
        private static readonly Assembly CoreAssembly = typeof(Rasp).Assembly;

        /// <summary>True when <paramref name="type"/> is a type of the core (the language or the compiler).</summary>
        public static bool IsCore(ITypeSymbol? type)
            => type is INamedTypeSymbol named && CoreType(named) != null;

        private static Type? CoreType(INamedTypeSymbol named)
        {
            if (named.ContainingType != null) return null;
            var ns = named.ContainingNamespace?.ToDisplayString();
            if (ns != "Circuits" && ns != "Circuits.Compiler" && ns != "Circuits.Mpc") return null;
            var type = CoreAssembly.GetType(ns + "." + named.MetadataName, throwOnError: false);
            return type != null && (type.IsPublic || ns == "Circuits.Compiler") ? type : null;
        }

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
            if (type is IArrayTypeSymbol array && array.Rank == 1)
                return MapType(array.ElementType)?.MakeArrayType();
            if (!(type is INamedTypeSymbol named)) return null;
            if (named.IsTupleType) return Generic("System.ValueTuple`" + named.TupleElements.Length, named.TupleElements.Select(e => e.Type));
            var core = CoreType(named);
            if (core != null)
            {
                if (!named.IsGenericType) return core;
                var args = named.TypeArguments.Select(MapType).ToArray();
                return args.Any(a => a is null) ? null : core.MakeGenericType(args!);
            }
            if (named.IsGenericType && named.ContainingNamespace?.ToDisplayString() == "System" && named.Name == "Func")
                return Generic("System.Func`" + named.TypeArguments.Length, named.TypeArguments);
            return null;
        }

        private static Type? Generic(string definitionName, IEnumerable<ITypeSymbol> arguments)
        {
            var definition = Type.GetType(definitionName, throwOnError: false);
            var args = arguments.Select(MapType).ToArray();
            if (definition is null || args.Any(a => a is null)) return null;
            return definition.MakeGenericType(args!);
        }

        /// <summary>The core method a Roslyn method symbol stands for (generic methods instantiated as the C# compiler inferred), or null.</summary>
        public static MethodInfo? FindMethod(IMethodSymbol method)
        {
            var owner = MapType(method.ContainingType);
            if (owner is null) return null;
            var parameters = method.Parameters.Select(p => MapType(p.Type)).ToArray();
            if (parameters.Any(p => p is null)) return null;
            var flags = BindingFlags.Public | (method.IsStatic ? BindingFlags.Static : BindingFlags.Instance);
            if (!method.IsGenericMethod) return owner.GetMethod(method.Name, flags, null, parameters!, null);
            var typeArguments = method.TypeArguments.Select(MapType).ToArray();
            if (typeArguments.Any(t => t is null)) return null;
            foreach (var candidate in owner.GetMethods(flags))
            {
                if (candidate.Name != method.Name || !candidate.IsGenericMethodDefinition || candidate.GetGenericArguments().Length != typeArguments.Length) continue;
                MethodInfo constructed;
                try { constructed = candidate.MakeGenericMethod(typeArguments!); }
                catch (ArgumentException) { continue; }
                if (constructed.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters!)) return constructed;
            }
            return null;
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
