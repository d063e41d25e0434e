using Billing.Http;
using Billing.Server;
using Billing.Server.Hosting;
using Billing.Server.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBilling(builder.Configuration);
builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
builder.Services.Configure<SchedulerOptions>(builder.Configuration.GetSection("Scheduler"));
builder.Services.Configure<QueueListenerOptions>(builder.Configuration.GetSection("QueueListener"));
builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection("Demo"));
builder.Services.AddHostedService<JobScheduler>();
builder.Services.AddHostedService<JobQueueListener>();
builder.Services.AddHostedService<OutboxQueueListener>();
builder.Services.AddHostedService<DemoSeeder>();
builder.Services.AddOpenApi();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();
app.UseRouting();
app.UseMiddleware<FunctionKeyMiddleware>();
app.MapOpenApi("/openapi/v1.json");
app.MapBilling();
app.Run();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
