using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Objections lodged before this migration get a random reference too, before the unique index.
            migrationBuilder.Sql("""UPDATE "Objections" SET "Reference" = lower(hex(randomblob(10)));""");

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
