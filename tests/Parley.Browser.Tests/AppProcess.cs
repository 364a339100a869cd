using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Browser.Tests;

/// <summary>
/// The real Parley.Web, started as its own process on a free loopback port with a throwaway SQLite file,
/// exactly as `dotnet run` would start it. Its console output is kept so the test can read the setup link.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDir;
    private bool _keepData;
    private bool _disposed;

    private AppProcess(Process process, string baseUrl, string dataDir)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataDir = dataDir;
    }

    public string BaseUrl { get; }

    /// <summary>Where the app writes its e-mails (the pickup folder under its working directory).</summary>
    public string MailFolder => Path.Combine(_dataDir, "data", "mail");

    /// <summary>The first link in the newest e-mail to <paramref name="email"/> whose text holds <paramref name="marker"/>.</summary>
    public string LinkInMail(string email, string marker)
    {
        foreach (var file in (Directory.Exists(MailFolder) ? Directory.GetFiles(MailFolder, "*.eml") : []).OrderByDescending(f => f))
        {
            // Undo quoted-printable (soft line breaks, =3D) enough to read a link — only when the mail says it is encoded so:
            // a plain "userId=12…" must not be decoded.
            var text = File.ReadAllText(file);
            if (text.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase))
            {
                text = System.Text.RegularExpressions.Regex.Replace(text.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal),
                    "=([0-9A-F]{2})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
            }
            if (text.Contains(email, StringComparison.OrdinalIgnoreCase) && System.Text.RegularExpressions.Regex.Match(text, "https?://\\S*" + System.Text.RegularExpressions.Regex.Escape(marker) + "\\S*") is { Success: true } link)
            {
                return link.Value;
            }
        }
        throw new InvalidOperationException($"No e-mail to {email} with a {marker} link in {MailFolder}.");
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Stops this process and starts another on the same data (and port), with other settings, e.g. a later rehearsal clock.</summary>
    public async Task<AppProcess> RestartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        _keepData = true;
        await DisposeAsync();
        return await StartAsync(settings, _dataDir, new Uri(BaseUrl).Port);
    }

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? existingDataDir = null, int? port = null,
        IReadOnlyList<string>? arguments = null)
    {
        var baseUrl = $"http://127.0.0.1:{port ?? FreePort()}";
        var dataDir = existingDataDir ?? Path.Combine(Path.GetTempPath(), "parley-browser", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        psi.ArgumentList.Add(WebAssembly());
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(baseUrl);
        foreach (var argument in arguments ?? [])
        {
            psi.ArgumentList.Add(argument);
        }
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ConnectionStrings__Parley"] = $"Data Source={Path.Combine(dataDir, "parley.db")}";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start Parley.Web.");
        var app = new AppProcess(process, baseUrl, dataDir);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Parley.Web exited with {process.ExitCode}:\n{app.Output}");
            }
            try
            {
                if ((await http.GetAsync($"{baseUrl}/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Parley.Web was not ready within 60 s:\n{app.Output}");
    }

    /// <summary>Waits for a console line that starts with the marker and returns the rest of it.</summary>
    public async Task<string> WaitForLineAsync(string marker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var line = Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(marker, StringComparison.Ordinal));
            if (line is not null)
            {
                return line[marker.Length..].Trim();
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No line starting with {marker}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string WebAssembly()
    {
        // tests/Parley.Browser.Tests/bin/<Configuration>/net10.0 → the repository root, then the web app built alongside.
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name;
        var root = here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "Parley.Web", "bin", configuration, "net10.0", "Parley.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Parley.Web first.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return; // a test may stop a node itself (to kill it mid-run) and leave its own using to call again
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_keepData)
        {
            return;
        }
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // left for the temp cleaner
        }
    }
}
