namespace Circuits.Compiler
{
    internal static partial class Lowering
    {
        public static CompiledModel Lower(Context ctx) => throw new System.NotImplementedException();
    }
}
