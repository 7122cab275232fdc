using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Circuits.Generator.Interpreter
{
    /// <summary>One scope of variables (locals and parameters by symbol); lambdas capture the frame they were created in.</summary>
    internal sealed class Frame
    {
        private readonly Dictionary<ISymbol, object?> _values = new Dictionary<ISymbol, object?>(SymbolEqualityComparer.Default);
        private readonly Frame? _parent;

        public Frame(Frame? parent) => _parent = parent;

        public void Declare(ISymbol symbol, object? value) => _values[symbol] = value;

        public bool TryGet(ISymbol symbol, out object? value)
        {
            for (var f = this; f != null; f = f._parent)
                if (f._values.TryGetValue(symbol, out value)) return true;
            value = null;
            return false;
        }

        public bool TrySet(ISymbol symbol, object? value)
        {
            for (var f = this; f != null; f = f._parent)
            {
                if (f._values.ContainsKey(symbol))
                {
                    f._values[symbol] = value;
                    return true;
                }
            }
            return false;
        }
    }
}
