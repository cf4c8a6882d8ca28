import { fakeClock } from '../support/fakes';
import { RateLimiter } from '../../src/aws/rate-limit';

describe('API Gateway rate limiter (fake clock)', () => {
  it('lets a burst of 40 through, then paces to 10 per second', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock);
    for (let i = 0; i < 40; i++) await limiter.acquire('GetStage');
    expect(clock.now()).toBe(0);
    for (let i = 0; i < 10; i++) await limiter.acquire('GetStage');
    expect(clock.now()).toBe(1000);
  });

  it('holds CreateDeployment to one every 5 seconds', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await limiter.acquire('CreateDeployment');
      times.push(clock.now());
    }
    expect(times).toEqual([0, 5000, 10000]);
  });

  it('keeps calls in arrival order when they wait', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter(clock);
    const order: string[] = [];
    await Promise.all(
      ['DeleteRestApi', 'DeleteRestApi', 'GetStage'].map((a, i) =>
        limiter.acquire(a).then(() => order.push(`${a}#${i}`)),
      ),
    );
    expect(order).toEqual(['DeleteRestApi#0', 'DeleteRestApi#1', 'GetStage#2']);
    expect(clock.now()).toBe(30000);
    expect(limiter.waitedMs).toBe(30000);
  });
});
