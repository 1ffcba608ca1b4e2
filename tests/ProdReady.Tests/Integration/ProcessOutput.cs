using System.Diagnostics;
using System.Text;

namespace ProdReady.Tests.Integration;

/// <summary>A child process's stdout and stderr as they arrive, interleaved, for failure messages.</summary>
public sealed class ProcessOutput
{
    private const int TailLength = 6000;

    private readonly Process _process;
    private readonly StringBuilder _text = new();

    public ProcessOutput(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
    }

    /// <summary>Call once the process has started.</summary>
    public void BeginReading()
    {
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The last few thousand characters: where a build or a crash says what went wrong.</summary>
    public string Tail()
    {
        lock (_text)
        {
            return _text.Length <= TailLength ? _text.ToString() : "…" + _text.ToString(_text.Length - TailLength, TailLength);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_text)
        {
            _text.AppendLine(line);
        }
    }
}
