using System;
using System.Reflection;

namespace Circuits.Generator.Interpreter
{
    /// <summary>
    /// Turns an interpreted function (object[] in, object out) into a real delegate of the type the core expects
    /// (Func&lt;int, int&gt;, Func&lt;double, double, bool&gt;, ...), converting the result to the delegate's return type.
    /// </summary>
    internal static class DelegateFactory
    {
        public static Delegate? Create(Type delegateType, Func<object?[], object?> body)
        {
            if (!delegateType.IsGenericType) return null;
            var definition = delegateType.GetGenericTypeDefinition();
            var args = delegateType.GetGenericArguments();
            string? name = definition.FullName switch
            {
                "System.Func`1" => nameof(F0),
                "System.Func`2" => nameof(F1),
                "System.Func`3" => nameof(F2),
                "System.Func`4" => nameof(F3),
                _ => null,
            };
            if (name is null) return null;
            var factory = typeof(DelegateFactory).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(args);
            return (Delegate)factory.Invoke(null, new object[] { body })!;
        }

        private static TR Result<TR>(object? v) => (TR)Values.Convert(v, typeof(TR))!;

        private static Func<TR> F0<TR>(Func<object?[], object?> body) => () => Result<TR>(body(Array.Empty<object?>()));

        private static Func<T1, TR> F1<T1, TR>(Func<object?[], object?> body) => a => Result<TR>(body(new object?[] { a }));

        private static Func<T1, T2, TR> F2<T1, T2, TR>(Func<object?[], object?> body) => (a, b) => Result<TR>(body(new object?[] { a, b }));

        private static Func<T1, T2, T3, TR> F3<T1, T2, T3, TR>(Func<object?[], object?> body) => (a, b, c) => Result<TR>(body(new object?[] { a, b, c }));
    }
}
