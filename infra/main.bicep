// Billing on Azure: a Flex Consumption Functions app over Table and Queue storage, with managed identity,
// Key Vault secrets, Communication Services email and Application Insights. Deployed by `azd up`.
targetScope = 'subscription'

@minLength(1)
@maxLength(40)
@description('azd environment name; names and tags derive from it.')
param environmentName string

@minLength(1)
param location string

@description('Object id of the deploying user, granted the data roles for local runs against Azure; empty for none.')
param principalId string = ''

@description('The provider new checkouts go to: one this build has. stripe needs stripeApiKey and stripeWebhookSecret, liqpay its keys (the app does not start without them).')
@allowed(['sandbox', 'stripe', 'liqpay'])
param paymentsProvider string = 'sandbox'

@description('Public base URL of the app (links, checkout pages, webhook targets); empty uses the Functions app\'s default host name.')
param publicBaseUrl string = ''

@description('CRM endpoint that receives signed events (G2); empty until it exists.')
param eventsWebhookUrl string = ''

@description('Where CRM events go (G2): the signed webhook, a Service Bus topic, or both. servicebus and both provision the namespace, topic and subscription.')
@allowed(['webhook', 'servicebus', 'both'])
param eventsTransport string = 'webhook'

@description('The vendor\'s public offer (absolute URL), linked on invoices of tenants that set none (F3). Required: the app does not start without it.')
@minLength(1)
param defaultPublicOfferUrl string

@description('SMTP user name of the Communication Services resource (see README "Deploy").')
param smtpUsername string = ''

@secure()
param sandboxWebhookSecret string = ''
@description('The first operator key (16+ characters): operators issue every other key through /api/operator/api-keys.')
@secure()
param operatorKey string = ''
@secure()
param smtpPassword string = ''
@secure()
param eventsSecret string = ''
@description('Stripe secret key (sk_live_… or a restricted rk_…) of the vendor\'s account; empty while Stripe is not used.')
@secure()
param stripeApiKey string = ''
@description('Signing secret (whsec_…) of the Stripe webhook endpoint https://<app>/api/webhooks/stripe.')
@secure()
param stripeWebhookSecret string = ''
@description('API key of the SMS gateway customers\' invoices are sent through (F5); empty until one is configured.')
@secure()
param smsApiKey string = ''
@description('Telegram bot token for customers\' invoices (F5); empty until one is configured.')
@secure()
param telegramBotToken string = ''
@description('The vendor\'s LiqPay shop public key (LiqPay cabinet → API); required when paymentsProvider is liqpay.')
@secure()
param liqpayPublicKey string = ''
@description('The vendor\'s LiqPay shop private key: signs checkouts and API calls, verifies callbacks.')
@secure()
param liqpayPrivateKey string = ''
@description('Key-encryption key sealing tenants\' own payment provider secrets (F11): base64 of 32 random bytes. Empty: tenants cannot connect a provider (422 merchant_keys_not_configured).')
@secure()
param merchantKeyEncryptionKey string = ''
@description('The key-encryption key before a rotation: it still opens the secrets it sealed. Empty when not rotating.')
@secure()
param merchantPreviousKeyEncryptionKey string = ''

var tags = { 'azd-env-name': environmentName }
var secretValues = {
  'Payments--Sandbox--WebhookSecret': sandboxWebhookSecret
  'Payments--Stripe--ApiKey': stripeApiKey
  'Payments--Stripe--WebhookSecret': stripeWebhookSecret
  'Security--Keys--0--Key': operatorKey
  'Email--Smtp--Password': smtpPassword
  'Events--Secret': eventsSecret
  'Messaging--Sms--ApiKey': smsApiKey
  'Messaging--Telegram--BotToken': telegramBotToken
  'Payments--LiqPay--PublicKey': liqpayPublicKey
  'Payments--LiqPay--PrivateKey': liqpayPrivateKey
  'Payments--Merchants--KeyEncryptionKey': merchantKeyEncryptionKey
  'Payments--Merchants--PreviousKeys--0': merchantPreviousKeyEncryptionKey
}
// Only secrets that were given a value become Key Vault references in the app's settings.
var secretNames = map(filter(items(secretValues), s => !empty(s.value)), s => s.key)
var token = toLower(uniqueString(subscription().id, environmentName, location))
var deploymentContainerName = 'app-package-${take(token, 7)}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
  }
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: { location: location, tags: tags, name: 'id-${token}' }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: { location: location, tags: tags, name: 'st${token}', deploymentContainerName: deploymentContainerName }
}

module vault 'modules/keyvault.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'kv-${token}'
    secretValues: secretValues
  }
}

module communication 'modules/communication.bicep' = {
  scope: rg
  params: { tags: tags, communicationName: 'acs-${token}', emailServiceName: 'acse-${token}' }
}

// Only when the events use the topic: a Standard namespace has a monthly base price.
module serviceBus 'modules/servicebus.bicep' = if (eventsTransport != 'webhook') {
  scope: rg
  params: {
    location: location
    tags: tags
    name: 'sb-${token}'
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
  }
}

module roles 'modules/roles.bicep' = {
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
  }
}

module app 'modules/functionapp.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    planName: 'plan-${token}'
    appName: 'func-${token}'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: vault.outputs.uri
    secretNames: secretNames
    paymentsProvider: paymentsProvider
    publicBaseUrl: publicBaseUrl
    bootstrapOperatorKey: !empty(operatorKey)
    smtpUsername: smtpUsername
    emailSender: communication.outputs.senderAddress
    eventsWebhookUrl: eventsWebhookUrl
    eventsTransport: eventsTransport
    serviceBusNamespace: serviceBus.?outputs.fullyQualifiedNamespace ?? ''
    serviceBusTopic: serviceBus.?outputs.topicName ?? ''
    defaultPublicOfferUrl: defaultPublicOfferUrl
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output AZURE_FUNCTION_URL string = 'https://${app.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_COMMUNICATION_EMAIL_SENDER string = communication.outputs.senderAddress
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.?outputs.fullyQualifiedNamespace ?? ''
output AZURE_SERVICEBUS_TOPIC string = serviceBus.?outputs.topicName ?? ''
output AZURE_SERVICEBUS_SUBSCRIPTION string = serviceBus.?outputs.subscriptionName ?? ''
