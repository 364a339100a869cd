namespace Parley.Common;

/// <summary>An expected failure, returned by a use case instead of thrown.</summary>
public sealed record Error(ErrorKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static Error NotFound(string message) => new(ErrorKind.NotFound, message);
    public static Error Forbidden(string message = "You may not do this.") => new(ErrorKind.Forbidden, message);
    public static Error Conflict(string message) => new(ErrorKind.Conflict, message);

    public static Error Validation(string field, string message) =>
        new(ErrorKind.Validation, "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });

    public static Error Validation(IReadOnlyDictionary<string, string[]> fields) =>
        new(ErrorKind.Validation, "One or more fields are invalid.", fields);
}

public enum ErrorKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>Either a value or an <see cref="Error"/>.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }
    public bool IsSuccess => Error is null;
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error!.Message}");

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Error error) => new(default, error);
}

/// <summary>Collects field messages while a request is validated.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);

    public bool Any => _fields.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_fields.TryGetValue(field, out var list))
        {
            _fields[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public FieldErrors Require(string field, string? value, string message = "This field is required.")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, message);
        }
        return this;
    }

    public Error ToError() => Error.Validation(_fields.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));
}
