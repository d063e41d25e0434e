// The Functions app on the Flex Consumption plan (.NET isolated), running as the user-assigned identity.
param location string
param tags object
param planName string
param appName string
param identityId string
param identityClientId string
param storageAccountName string
param blobEndpoint string
param tableEndpoint string
param queueEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string
param keyVaultUri string
@description('Names (A--B--C) of the Key Vault secrets that were given a value.')
param secretNames array
param paymentsProvider string
@description('Public base URL of the app; empty uses the default host name.')
param publicBaseUrl string
@description('Whether the Key Vault holds a bootstrap operator key (Security--Keys--0--Key).')
param bootstrapOperatorKey bool
param smtpUsername string
param emailSender string
param eventsWebhookUrl string
@description('Events:Transport: webhook, servicebus or both.')
param eventsTransport string
@description('Host name of the Service Bus namespace the events go to; empty when they use the webhook only.')
param serviceBusNamespace string
param serviceBusTopic string
param defaultPublicOfferUrl string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

var baseSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
  { name: 'Storage__TableServiceUri', value: tableEndpoint }
  { name: 'Storage__QueueServiceUri', value: queueEndpoint }
  { name: 'Storage__ClientId', value: identityClientId }
  { name: 'Storage__Prefix', value: 'billing' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
  { name: 'Billing__CatalogPath', value: 'catalog.json' }
  { name: 'Payments__Provider', value: paymentsProvider }
  { name: 'Email__Smtp__Host', value: 'smtp.azurecomm.net' }
  { name: 'Email__Smtp__Port', value: '587' }
  { name: 'Email__Smtp__Username', value: smtpUsername }
  { name: 'Email__From', value: emailSender }
  { name: 'Events__WebhookUrl', value: eventsWebhookUrl }
  { name: 'Events__Transport', value: eventsTransport }
  { name: 'CustomerBilling__DefaultPublicOfferUrl', value: defaultPublicOfferUrl }
]

// The topic is reached with the app's identity (Azure Service Bus Data Sender on it): no connection string, no secret.
var serviceBusSettings = empty(serviceBusNamespace) ? [] : [
  { name: 'Events__ServiceBus__FullyQualifiedNamespace', value: serviceBusNamespace }
  { name: 'Events__ServiceBus__TopicName', value: serviceBusTopic }
  { name: 'Events__ServiceBus__ClientId', value: identityClientId }
]

// The bootstrap key's role and name; its secret is a Key Vault reference (below) when it was given.
var keySettings = bootstrapOperatorKey ? [
  { name: 'Security__Keys__0__Role', value: 'Operator' }
  { name: 'Security__Keys__0__Name', value: 'bootstrap operator' }
] : []

// Secret "A--B--C" becomes setting "A__B__C", resolved by the platform from Key Vault with the app's identity.
var secretSettings = [for name in secretNames: {
  name: replace(name, '--', '__')
  value: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${name})'
}]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 100
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Settings are applied once the app exists: every absolute URL the app builds starts at its own host name (S1).
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: toObject(concat(baseSettings, serviceBusSettings, keySettings, secretSettings, [
    { name: 'Api__PublicBaseUrl', value: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl }
  ]), s => s.name, s => s.value)
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
