import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CatalogueService } from './catalogue.service';

export class CataloguePriceResponse {
  @ApiProperty({ example: 'KEYBOARD-01' })
  sku!: string;

  @ApiProperty({ example: 'Mechanical keyboard' })
  name!: string;

  @ApiProperty({ example: 4999, description: 'What orders charges for one unit, in cents' })
  unitPriceCents!: number;
}

/**
 * The prices orders charges, as it knows them (from inventory's ProductUpdated events): what a
 * client shows before ordering, and how it can tell that orders has learnt the catalogue (a SKU
 * missing here is a 422 at POST /orders). Any caller with a token may read it.
 */
@ApiTags('catalogue')
@Controller('catalogue')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOkResponse({ type: [CataloguePriceResponse], description: 'Every priced SKU, by SKU' })
  async list(): Promise<{ items: CataloguePriceResponse[] }> {
    const prices = await this.catalogue.list();
    return {
      items: prices.map(({ sku, name, unitPriceCents }) => ({ sku, name, unitPriceCents })),
    };
  }
}
