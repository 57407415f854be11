// Calls from the browser straight to the project's gateway endpoint (CORS), with the key the user picked.
export async function gatewayGraphQL(url, key, body) {
  let r;
  try {
    r = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', 'X-Api-Key': key },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error('The gateway could not be reached from this page (network or CORS).');
  }
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = { errors: [{ message: text || `HTTP ${r.status}` }] }; }
  if (!r.ok && !json.data) {
    const e = new Error(json.message || json.errors?.[0]?.message || `The gateway answered ${r.status}.`);
    e.status = r.status;
    e.code = json.code || json.errors?.[0]?.extensions?.code;
    throw e;
  }
  return json;
}
