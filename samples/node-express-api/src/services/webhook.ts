// Tells the caller's system that the order changed. The URL comes from the order itself.
export async function notifyCallback(url: string, payload: unknown): Promise<void> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    console.log(`callback ${url} -> ${res.status}`);
  } catch (err) {
    console.log('callback failed', err);
  }
}
