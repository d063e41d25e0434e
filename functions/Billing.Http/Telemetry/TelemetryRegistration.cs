using Azure.Monitor.OpenTelemetry.Exporter;
using Billing.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Billing.Http.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts: the Billing source and meter (job durations, accounts per shard, charges,
/// payments, failures), plus ASP.NET Core and HttpClient spans and metrics when exporting to Azure Monitor
/// (APPLICATIONINSIGHTS_CONNECTION_STRING set). Otherwise the app's own spans and metrics go to the console
/// (metrics every 5 minutes; off with Telemetry:Console=false, as the tests do).
/// </summary>
public static class TelemetryRegistration
{
    public static IServiceCollection AddBillingTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
        var azure = !string.IsNullOrWhiteSpace(connectionString);
        var console = !azure && configuration.GetValue("Telemetry:Console", true);
        if (!azure && !console) return services;

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("billing"))
            .WithTracing(t =>
            {
                t.AddSource(BillingTelemetry.Name);
                // Request and storage-call spans go to Azure Monitor only: on a console they would bury everything else.
                if (azure) t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddAzureMonitorTraceExporter(o => o.ConnectionString = connectionString);
                else t.AddConsoleExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(BillingTelemetry.Name);
                if (azure) m.AddAspNetCoreInstrumentation().AddAzureMonitorMetricExporter(o => o.ConnectionString = connectionString);
                else m.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 300_000);
            });
        if (azure)
            services.AddLogging(l => l.AddOpenTelemetry(o => o.AddAzureMonitorLogExporter(e => e.ConnectionString = connectionString)));
        return services;
    }
}
