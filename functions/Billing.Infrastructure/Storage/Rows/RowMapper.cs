using Azure.Data.Tables;
using Billing.Core.Storage;

namespace Billing.Infrastructure.Storage.Rows;

/// <summary>How one kind of row is stored: its row key (from the row, or from its identity), the key range of a set, and its columns.</summary>
public abstract class RowMapper
{
    public abstract Type RowType { get; }
    public abstract string KeyOf(object row);
    public abstract TableEntity ToEntity(string partition, object row);
    public abstract object FromEntity(TableEntity entity);
}

public abstract class RowMapper<T> : RowMapper where T : class
{
    public override Type RowType => typeof(T);

    /// <summary>The row key of a stored row.</summary>
    public abstract string Key(T row);

    /// <summary>The row key of a row named by its identity (<see cref="RowRef{T}.Id"/>).</summary>
    public virtual string Key(RowRef<T> row) => throw new NotSupportedException($"{typeof(T).Name} rows are not read one by one.");

    /// <summary>The keys [From, To) of a set of rows.</summary>
    public virtual (string From, string To) Range(RowSet<T> rows) => throw new NotSupportedException($"{typeof(T).Name} rows are not listed.");

    protected abstract void Write(T row, Columns c);
    protected abstract T Read(Columns c);

    public override string KeyOf(object row) => Key((T)row);

    public override TableEntity ToEntity(string partition, object row)
    {
        var entity = new TableEntity(partition, Key((T)row));
        Write((T)row, new Columns(entity));
        return entity;
    }

    public override object FromEntity(TableEntity entity) => Read(new Columns(entity));

    public T Read(TableEntity entity) => Read(new Columns(entity));

    /// <summary>The range of keys starting with <paramref name="prefix"/>.</summary>
    protected static (string, string) Prefixed(string prefix) => (prefix, RowKeys.PrefixEnd(prefix));
}
