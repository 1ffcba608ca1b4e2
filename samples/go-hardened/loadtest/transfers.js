// k6 load test for the hot paths. Run against staging only, with staging keys:
//
//   k6 run -e BASE_URL=https://ledger.staging.tallyworks.example -e API_KEY=lk_... \
//          -e FROM=acc_loadtest01 -e TO=acc_loadtest02 loadtest/transfers.js
//
// The thresholds are the SLOs in docs/slo.md; a run that breaks them fails.
import http from 'k6/http';
import { check } from 'k6';

const BASE_URL = __ENV.BASE_URL;
const headers = {
  Authorization: `Bearer ${__ENV.API_KEY}`,
  'Content-Type': 'application/json',
};

export const options = {
  scenarios: {
    transfers: {
      executor: 'ramping-arrival-rate',
      exec: 'transfer',
      startRate: 10,
      timeUnit: '1s',
      preAllocatedVUs: 50,
      maxVUs: 200,
      stages: [
        { target: 100, duration: '2m' },
        { target: 100, duration: '5m' },
        { target: 0, duration: '1m' },
      ],
    },
    balances: {
      executor: 'constant-arrival-rate',
      exec: 'balance',
      rate: 200,
      timeUnit: '1s',
      duration: '8m',
      preAllocatedVUs: 50,
    },
  },
  thresholds: {
    'http_req_failed{scenario:transfers}': ['rate<0.001'],
    'http_req_duration{scenario:transfers}': ['p(95)<300', 'p(99)<800'],
    'http_req_duration{scenario:balances}': ['p(95)<100'],
    checks: ['rate>0.999'],
  },
};

export function transfer() {
  const idempotencyKey = `load-${__VU}-${__ITER}-${Date.now()}`;
  const body = JSON.stringify({ from_account: __ENV.FROM, to_account: __ENV.TO, amount_minor: 1, currency: 'EUR' });
  const res = http.post(`${BASE_URL}/v1/transfers`, body, {
    headers: { ...headers, 'Idempotency-Key': idempotencyKey },
    tags: { name: 'POST /v1/transfers' },
  });
  check(res, { 'transfer created': (r) => r.status === 201 });

  // A retried request must not move money twice.
  if (Math.random() < 0.05) {
    const replay = http.post(`${BASE_URL}/v1/transfers`, body, {
      headers: { ...headers, 'Idempotency-Key': idempotencyKey },
      tags: { name: 'POST /v1/transfers (replay)' },
    });
    check(replay, { 'replay answered from the original': (r) => r.status === 200 && r.headers['Idempotent-Replayed'] === 'true' });
  }
}

export function balance() {
  const res = http.get(`${BASE_URL}/v1/accounts/${__ENV.FROM}/balance`, {
    headers,
    tags: { name: 'GET /v1/accounts/{id}/balance' },
  });
  check(res, { 'balance read': (r) => r.status === 200 });
}
