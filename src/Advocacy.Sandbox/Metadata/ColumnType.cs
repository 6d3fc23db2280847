namespace Advocacy.Sandbox
{
    /// <summary>Column types as Entity.xml names them, reduced to what decides the CLR value type.</summary>
    public enum ColumnType
    {
        String,      // nvarchar, ntext, memo
        Integer,     // int
        BigInt,      // bigint
        Decimal,     // decimal
        Double,      // float
        Money,       // money
        Boolean,     // bit
        DateTime,    // datetime
        Lookup,      // lookup, customer, owner
        Choice,      // picklist, state, status
        MultiChoice, // multiselectpicklist
        UniqueIdentifier, // primarykey, uniqueidentifier
        Image,       // image / file: byte[]
        Other,       // anything the sandbox does not type-check
    }
}
