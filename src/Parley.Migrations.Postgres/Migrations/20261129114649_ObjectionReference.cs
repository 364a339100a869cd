using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ObjectionReference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "Objections",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Objections lodged before this migration get a random reference too, before the unique index.
            migrationBuilder.Sql("""UPDATE "Objections" SET "Reference" = substr(md5(random()::text || clock_timestamp()::text || "Id"::text), 1, 20);""");

            migrationBuilder.CreateIndex(
                name: "IX_Objections_Reference",
                table: "Objections",
                column: "Reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Objections_Reference",
                table: "Objections");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "Objections");
        }
    }
}
