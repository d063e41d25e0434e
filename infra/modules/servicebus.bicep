// CRM events on Service Bus (G2): a Standard namespace with local (SAS) auth off, the topic the app sends to, a session
// subscription for the CRM, and the data roles. Deployed only when Events:Transport uses the topic (main.bicep).
param location string
param tags object
param name string
@description('The topic the app sends every CRM event to (Events:ServiceBus:TopicName).')
param topicName string = 'billing-events'
@description('A subscription for the CRM, with sessions: one account\'s events to one receiver, in order.')
param subscriptionName string = 'crm'
@description('Principal id of the app\'s managed identity: it may only send.')
param identityPrincipalId string
@description('A developer to grant send and receive on the topic, for local runs against Azure; empty for none.')
param principalId string = ''

var serviceBusDataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
var serviceBusDataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  // Standard is the lowest tier with topics; duplicate detection and sessions come with it.
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    // A redelivery (the outbox resends after a crash between send and mark, or 'both' retries) carries the same MessageId:
    // the topic drops it within this window.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    supportOrdering: true
    defaultMessageTimeToLive: 'P14D'
    maxSizeInMegabytes: 1024
  }
}

// Sessions are a subscription's property: the app sets SessionId = account id on every message.
resource subscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: subscriptionName
  properties: {
    requiresSession: true
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
  }
}

var grants = concat([{ principal: identityPrincipalId, type: 'ServicePrincipal', role: serviceBusDataSender }], empty(principalId) ? [] : [
  { principal: principalId, type: 'User', role: serviceBusDataSender }
  { principal: principalId, type: 'User', role: serviceBusDataReceiver }
])

// Scoped to the topic, not the namespace: the app's identity can send there and nowhere else.
resource topicRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in grants: {
  name: guid(topic.id, grant.principal, grant.role)
  scope: topic
  properties: {
    principalId: grant.principal
    principalType: grant.type
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.role)
  }
}]

output name string = namespace.name
// https://<name>.servicebus.windows.net:443/ → the host name the SDK takes (Events:ServiceBus:FullyQualifiedNamespace).
output fullyQualifiedNamespace string = replace(split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0], '/', '')
output topicName string = topic.name
output subscriptionName string = subscription.name
