// frequencyPerDay as the bank enforces it: reads without the PSU present (no PSU-IP-Address)
// are counted per consent x account x endpoint x day.

export class FrequencyCounter {
  private day = '';
  private readonly counts = new Map<string, number>();

  /** Counts one unattended read; false when it exceeds the consent's daily budget. */
  allow(consentId: string, account: string, endpoint: string, day: string, limit: number): boolean {
    if (day !== this.day) {
      this.counts.clear();
      this.day = day;
    }
    const key = `${consentId}|${account}|${endpoint}`;
    const used = this.counts.get(key) ?? 0;
    if (used >= limit) return false;
    this.counts.set(key, used + 1);
    return true;
  }
}
