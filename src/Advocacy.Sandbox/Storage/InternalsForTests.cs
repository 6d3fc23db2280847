using System.Runtime.CompilerServices;

// The cost tests count the rows a page reads (RowStore.RowsVisited): a structural check, not a timing.
[assembly: InternalsVisibleTo("Advocacy.Plugins.Tests")]
