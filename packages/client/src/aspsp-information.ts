/**
 * The ASPSP information API (`/psd2/aspspinformation/v1`): the countries, cities and banks
 * Bankbridge reaches, to build the "choose your bank" step.
 */
import { type ApiCaller, segment } from './api-caller.js';
import type {
  Aspsp,
  AspspList,
  CityDetails,
  CityList,
  CountryDetails,
  CountryList,
  WithResponse,
} from './types.js';

const BASE = '/psd2/aspspinformation/v1';

export interface CallOptions {
  signal?: AbortSignal;
}

export class AspspInformationApi {
  constructor(private readonly api: ApiCaller) {}

  countries(options: CallOptions = {}): Promise<WithResponse<CountryList>> {
    return this.get(`${BASE}/countries`, {}, options);
  }

  country(
    isoCountryCode: string,
    options: CallOptions = {},
  ): Promise<WithResponse<CountryDetails>> {
    return this.get(`${BASE}/countries/${segment(isoCountryCode)}`, {}, options);
  }

  cities(
    filter: { isoCountryCodes?: string[] } = {},
    options: CallOptions = {},
  ): Promise<WithResponse<CityList>> {
    return this.get(
      `${BASE}/cities`,
      { isoCountryCodes: filter.isoCountryCodes?.join(',') },
      options,
    );
  }

  city(cityId: string, options: CallOptions = {}): Promise<WithResponse<CityDetails>> {
    return this.get(`${BASE}/cities/${segment(cityId)}`, {}, options);
  }

  /** The banks, optionally only those in the given countries or cities. */
  aspsps(
    filter: { isoCountryCodes?: string[]; cityIds?: string[] } = {},
    options: CallOptions = {},
  ): Promise<WithResponse<AspspList>> {
    return this.get(
      `${BASE}/aspsps`,
      { isoCountryCodes: filter.isoCountryCodes?.join(','), cityIds: filter.cityIds?.join(',') },
      options,
    );
  }

  /** One bank in detail, by its BIC. */
  aspsp(bic: string, options: CallOptions = {}): Promise<WithResponse<Aspsp>> {
    return this.get(`${BASE}/aspsps/${segment(bic)}`, {}, options);
  }

  private get<T extends object>(
    path: string,
    query: Record<string, string | undefined>,
    options: CallOptions,
  ): Promise<WithResponse<T>> {
    return this.api.answer<T>({
      method: 'GET',
      path,
      service: 'aspspinformation',
      query,
      signal: options.signal,
    });
  }
}
