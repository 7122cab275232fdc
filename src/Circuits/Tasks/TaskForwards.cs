using System.Runtime.CompilerServices;

// The task definitions and instance generators moved to the compiler core, so the build-time [Computes] check can use
// them; binaries compiled against the runtime's copies keep resolving them.
[assembly: TypeForwardedTo(typeof(Circuits.Tasks.TaskDefinitions))]
[assembly: TypeForwardedTo(typeof(Circuits.Tasks.InstanceGenerator))]
