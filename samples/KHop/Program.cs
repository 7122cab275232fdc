using System;
using Circuits;
using KHop;

// The card was computed at build time (see the generated file's header); Model compiles the same program on first use.
// Run: dotnet run --project samples/KHop
Console.WriteLine(CardFormatter.ToText(TwoHop.Card));
Console.WriteLine("abcbadcab -> " + TwoHop.Run("abcbadcab"));
