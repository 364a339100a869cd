using BenchmarkDotNet.Running;
using Parley.Bench;

if (args.Length > 1 && args[0] == "texts-db")
{
    return await TextLoadData.CreateAsync(args[1]);
}
if (args.Length > 1 && args[0] == "meetings-db")
{
    return await ProjectorLoad.CreateDbAsync(args[1]);
}
if (args.Length > 2 && args[0] == "projector")
{
    return await ProjectorLoad.RunAsync(args[1..]);
}
if (args.Length > 1 && args[0] == "drop-db")
{
    return await NodesLoad.DropDatabaseAsync(args[1]);
}
if (args.Length > 2 && args[0] == "projector-nodes")
{
    return await NodesLoad.RunAsync(args[1..]);
}
if (args.Length > 0 && args[0] == "load")
{
    return await LoadTest.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(RegistryBenchmarks).Assembly).Run(args);
return 0;
