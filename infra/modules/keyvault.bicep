// Secrets the app reads through Key Vault references. A secret is created only when a value is given, so a
// deployment never stores an empty or placeholder secret.
param location string
param tags object
param name string

@secure()
@description('Secret name (A--B--C) to value; empty values are skipped.')
param secretValues object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource values 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for s in items(secretValues): if (!empty(s.value)) {
  parent: vault
  name: s.key
  properties: { value: s.value }
}]

output name string = vault.name
output uri string = vault.properties.vaultUri
