namespace Advocacy.Cli
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            System.Console.WriteLine("advocacy: no commands yet");
            return 0;
        }
    }
}
