using System;
using Circuits;
using Circuits.Compiler;
using static Circuits.Compiler.Library;
using static Circuits.Rasp;

// The seed's first construction, written with the primitives: a previous-token head, then an
// exact-match head with a rightmost tie-break (THEORY §3.1). Run: dotnet run --project samples/InductionHead
var prev = Shift(Tokens, by: 1).Named("prev");
var match = And(Select(prev, Tokens, Equal), Select(Indices, Indices, LessOrEqual)).Rightmost().Named("induction");
var program = Aggregate(match, Tokens).Named("induction-head");

var model = CircuitCompiler.Compile(program, new CompileOptions
{
    Name = "induction-head",
    Vocabulary = CompileOptions.CharVocabulary("abcd"),
    MaxLength = 4096,
    Causal = true,
    Precision = NumericType.Float32,
});
Console.WriteLine(CardFormatter.ToText(model.Card));

var pass = Engine.Create(model, NumericType.Float32);
foreach (var text in new[] { "abcab", "dcbadcbadd", "abcdabcdabcd" })
{
    var output = pass.Forward(Engine.Encode(model, text));
    Console.WriteLine($"{text} -> {SymbolText.Render(model.Vocabulary, tokenValued: true, output)}");
}
