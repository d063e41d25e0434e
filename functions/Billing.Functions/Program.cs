using Billing.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

FunctionsHost.Configure(FunctionsApplication.CreateBuilder(args)).Build().Run();
