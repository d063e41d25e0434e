using Billing.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
// ASP.NET Core integration: triggers take HttpRequest and return IResult from the shared Billing.Http handlers.
builder.ConfigureFunctionsWebApplication();
builder.Services.AddBilling(builder.Configuration);
builder.Build().Run();
