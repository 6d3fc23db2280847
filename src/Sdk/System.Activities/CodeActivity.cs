namespace System.Activities
{
    public abstract class CodeActivity
    {
    }
}
