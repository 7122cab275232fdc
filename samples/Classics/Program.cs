using System;
using Circuits;
using Classics;

// Tracr's classic programs, compiled at build time. Run: dotnet run --project samples/Classics
Console.WriteLine(CardFormatter.ToText(ReverseCircuit.Card));
const string input = "hgfedcbaabcdhhea";
Console.WriteLine($"input    {input}");
Console.WriteLine($"reverse  {ReverseCircuit.Run(input)}   ({ReverseCircuit.Layers} layers, width {ReverseCircuit.Width})");
Console.WriteLine($"sort     {SortCircuit.Run(input)}   ({SortCircuit.Layers} layers, width {SortCircuit.Width})");
Console.WriteLine($"hist     {HistogramCircuit.Run(input)}   ({HistogramCircuit.Layers} layer, width {HistogramCircuit.Width})");
