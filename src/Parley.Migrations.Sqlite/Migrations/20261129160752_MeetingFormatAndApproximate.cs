using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeetingFormatAndApproximate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Approximate",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Format",
                table: "Meetings",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "InPerson");

            migrationBuilder.AddColumn<bool>(
                name: "Approximate",
                table: "MeetingRevisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Approximate",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Format",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "Approximate",
                table: "MeetingRevisions");
        }
    }
}
