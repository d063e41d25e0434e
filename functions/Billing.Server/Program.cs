using Billing.Http;
using Billing.Server;
using Billing.Server.Hosting;
using Billing.Server.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBilling(builder.Configuration);
builder.Services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<QueueListenerOptions>().BindConfiguration(QueueListenerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<JobScheduler>();
builder.Services.AddHostedService<JobQueueListener>();
builder.Services.AddHostedService<OutboxQueueListener>();
builder.Services.AddHostedService<DemoSeeder>();
builder.Services.AddOpenApi(o => o.UseConfiguredServer());
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();
app.UseRouting();
app.UseMiddleware<CallerKeyMiddleware>();
app.MapOpenApi("/openapi/v1.json");
app.MapBilling();
app.Run();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
