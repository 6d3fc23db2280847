namespace Advocacy.Benchmarks
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            System.Console.WriteLine("benchmarks: none yet");
            return 0;
        }
    }
}
