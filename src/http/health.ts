import express from 'express';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { Upstream } from '../upstream/types.js';

/** `/healthz` (liveness), `/readyz` (the shared cache is reachable) and `/metrics` (Prometheus). */
export function healthRoutes(upstream: Upstream, metrics: GatewayMetrics): express.Router {
  const router = express.Router();
  // Health and metrics are live state: never stored by browsers or proxies.
  router.use(['/healthz', '/readyz', '/metrics'], (_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    const { cache } = upstream.health();
    if (cache === 'degraded') res.status(503).json({ status: 'degraded', cache });
    else res.json({ status: 'ok', cache });
  });
  router.get('/metrics', async (_req, res, next) => {
    try {
      const text = await metrics.registry.metrics();
      res.type(metrics.registry.contentType).send(text);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
