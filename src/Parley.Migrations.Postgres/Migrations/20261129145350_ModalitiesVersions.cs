using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Parley.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ModalitiesVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CurrentVersion",
                table: "Processes",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "ModalitiesVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProcessId = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Yaml = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InForceFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    LoadedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    LoadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModalitiesVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModalitiesVersions_Processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "Processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModalitiesVersions_ProcessId_Number",
                table: "ModalitiesVersions",
                columns: new[] { "ProcessId", "Number" },
                unique: true);

            // Every process loaded before versions existed has its file as version 1, in force from the start.
            migrationBuilder.Sql("INSERT INTO \"ModalitiesVersions\" (\"ProcessId\", \"Number\", \"Yaml\", \"Sha256\", \"InForceFrom\", \"LoadedBy\", \"Note\", \"LoadedAt\") " +
                "SELECT \"Id\", 1, \"ModalitiesYaml\", '', DATE '0001-01-01', 'migration', NULL, \"LoadedAt\" FROM \"Processes\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ModalitiesVersions");

            migrationBuilder.DropColumn(
                name: "CurrentVersion",
                table: "Processes");
        }
    }
}
