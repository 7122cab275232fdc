using System;
using Circuits;
using KHop;

// Each card was computed at build time (see the generated files' headers); Forward/Run are the specialised passes.
// Run: dotnet run --project samples/KHop
Console.WriteLine(CardFormatter.ToText(TwoHop.Card));
const string input = "abcbadcabdcbacbd";
Console.WriteLine($"input     {input}");
Console.WriteLine($"1-hop     {OneHop.Run(input)}   ({OneHop.Layers} layers, width {OneHop.Width})");
Console.WriteLine($"2-hop     {TwoHop.Run(input)}   ({TwoHop.Layers} layers, width {TwoHop.Width})");
Console.WriteLine($"5-hop     {FiveHop.Run(input)}   ({FiveHop.Layers} layers, width {FiveHop.Width})");
Console.WriteLine($"16-hop    {SixteenHop.Run(input)}   ({SixteenHop.Layers} layers, width {SixteenHop.Width}, N = {SixteenHop.MaxLength})");
