// Deterministic API pages (no Math.random) for the parse benchmarks, each in its service's member order.
import { EMISSIONS_TYPES } from '../sandbox/services/sustainability.mjs'

/** GetEstimatedCarbonEmissions rows: figures at 1 g resolution in metric tons, ~700 bytes a row as JSON. */
export function awsRows(n) {
  const rows = []
  for (let i = 0; i < n; i++) {
    const values = {}
    EMISSIONS_TYPES.forEach(
      (t, k) => (values[t] = { Value: ((i * 7919 + k * 104729) % 9_999_991) / 1e6, Unit: 'MTCO2e' })
    )
    rows.push({
      TimePeriod: { Start: '2025-07-01T00:00:00Z', End: '2025-08-01T00:00:00Z' },
      DimensionsValues: {
        USAGE_ACCOUNT_ID: String(200000000000 + (i % 1560)),
        REGION: ['us-east-1', 'eu-west-1', 'global'][i % 3],
        SERVICE: ['AmazonEC2', 'AmazonS3', 'AWSLambda', 'AmazonCloudWatch'][i % 4]
      },
      ModelVersion: 'v3.0.0',
      EmissionsValues: values
    })
  }
  return rows
}

/** Carbon Optimization resource rows (ItemDetailsReport, category Resource). */
export function azureRows(n) {
  const rows = []
  for (let i = 0; i < n; i++) {
    const sub = `${(10000000 + (i % 97)).toString(16)}-1234-4abc-9def-0123456789ab`
    const rg = `rg-app-${i % 13}`
    const name = `vm-${String(i).padStart(5, '0')}`
    const latest = ((i * 7919) % 99991) / 1000
    const previous = ((i * 104729) % 99991) / 1000
    rows.push({
      dataType: 'ResourceItemDetailsData',
      itemName: name,
      subscriptionId: sub,
      resourceGroup: rg,
      resourceId: `/subscriptions/${sub}/resourcegroups/${rg}/providers/microsoft.compute/virtualmachines/${name}`,
      resourceType: 'microsoft.compute/virtualmachines',
      location: ['eastus', 'westeurope', 'uksouth'][i % 3],
      categoryType: 'Resource',
      latestMonthEmissions: latest,
      previousMonthEmissions: previous,
      monthOverMonthEmissionsChangeRatio: (latest - previous) / previous,
      monthlyEmissionsChangeValue: Math.round((latest - previous) * 1000) / 1000
    })
  }
  return rows
}

/** MCFS enrollment emissions rows. */
export function mcfsRows(n) {
  const rows = []
  for (let i = 0; i < n; i++) {
    rows.push({
      dateKey: 20250701,
      subscriptionId: `${(20000000 + (i % 41)).toString(16)}-1234-4abc-9def-0123456789ab`,
      subscriptionName: `Contoso ${i % 41}`,
      azureServiceName: ['Storage', 'Virtual Machines', 'SQL Database'][i % 3],
      subService: ['Premium SSD', 'Standard HDD', 'D2s v3', ''][i % 4],
      azureRegionName: ['West Europe', 'East US'][i % 2],
      scope: ['Scope 1', 'Scope 2', 'Scope 3'][i % 3],
      scopeId: (i % 3) + 1,
      totalEmissions: ((i * 7919) % 99991) / 1e6
    })
  }
  return rows
}
